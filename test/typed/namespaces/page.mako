<%page args="title: string, item: Item"/>
<%! import type { Item } from './types' %>
<%namespace name="ui" file="lib/ui.mako"/>
${ui.button(title)}
${ui.button(title, 'x', 3)}
${ui.buton(title, 'x')}
<%ui:button label="${title}" id="${42}"/>
<%ui:row item="${title}"/>
<%ui:row itme="${item}"/>
${ui.row(item, 'two')}
