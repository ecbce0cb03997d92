<%inherit file="/layouts/section.mako"/>
<%page args="items: string[]"/>
<%namespace name="ui" file="/components/ui.mako"/>
<h1 id="title">About</h1>
${ui.card('Three levels', 'base.mako <- layouts/section.mako <- pages/about.mako')}
<p>Items: ${items.join(', ')}</p>
<div id="widget"></div>
