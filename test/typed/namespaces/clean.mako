<%page args="title: string, item: Item, which: string"/>
<%! import type { Item } from './types' %>
<%namespace name="ui" file="./lib/ui.mako"/>
<%namespace name="dyn" file="${which}"/>
<%namespace name="mod" module="./types"/>
${ui.button(title, 'ok')}
${ui.row(item)}${ui.row(item, 2).length}
<%ui:button label="${title}" id="main"/>
<%ui:row item="${item}" n="${3}"/>
${dyn.anything(1, 2, 3)}
<%dyn:whatever x="${1}"/>
${mod.whatever}
<%def name="inner()">${ui.button('a', 'b')}</%def>
