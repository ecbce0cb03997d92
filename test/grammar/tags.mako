<%page args="title: string, items: Item[] = []" expression_filter="h, trim" cached="True" cache_type="memory"/>
<%inherit file="/layouts/base.mako"/>
<%namespace name="ui" file="/lib/ui.mako" inheritable="True"/>
<%namespace file="helpers.mako" import="*"/>
<%namespace name="fmt" module="./format.js"/>
<%include file="header.mako" args="title=title, user=user"/>
<%include file='/parts/${part}.mako'/>
<%def name="row(item: Item, cls = 'row')" filter="trim" buffered="True" decorator="deco">
  <tr class="${cls}">${item.name}</tr>
</%def>
<%def name="title">T</%def>
<%block name="header" cached="True" cache_key="${user.id}" cache_timeout="60">
  default header
</%block>
<%block filter="h">anonymous</%block>
<%block name="list" args="items">${items.length}</%block>
<%call expr="panel('News', { compact: true })" args="x, y = 1">
  body ${x} ${caller.body()}
</%call>
<%self:panel title="${heading}" size='2'>
  body text
</%self:panel>
<%ui:button label="Save" onClick="${save}"/>
<%doc>
  Documentation: ${not} an expression, <%not> a tag,
  % not a control line
</%doc>
<%text filter="h">
  ${raw} stays <%def name="x()"> as <b>written</b>
% not a control line
## not a comment
</%text>
<%text>## not a comment either</%text>
