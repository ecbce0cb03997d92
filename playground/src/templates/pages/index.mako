## Level 3 of 3: a page. Its stats block is cached for 30 s: the time in it stands still.
<%inherit file="/layouts/section.mako"/>
<%page args="title: string, items: string[], tipKind: string"/>
<%namespace name="ui" file="/components/ui.mako"/>
<h1 id="title">${title}</h1>
${ui.card('Server-rendered', 'This page is a .mako template rendered by the SSR server.')}
<%block name="stats" cached="True" cache_timeout="30">
<div id="stats">
<%include file="/partials/stats.mako" args="count=items.length"/>
</div>
</%block>
<%include file="${'/partials/' + tipKind + '.mako'}"/>
<div id="widget"></div>
