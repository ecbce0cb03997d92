## A page with a slow part: its "trending" sidebar is cached for 60 s and takes 500 ms to make
## on a cold cache. The server streams pages (server.ts), so the head, the nav and the text
## before the sidebar reach the browser at once; the sidebar follows when it is made.
<%inherit file="/layouts/section.mako"/>
<%page args="title: string, generation: number, slowTopics: () => Promise<string[]>"/>
<h1 id="title">${title}</h1>
<p id="intro">This paragraph leaves at once; the sidebar below is made on a cold cache, slowly.</p>
<%block name="trending" cached="True" cache_timeout="60" cache_key="trending-${generation}">
<aside id="trending">
## async mode: `await` in an expression or a control line waits there, holding back only what follows
% for topic in await slowTopics():
  <a href="#${topic}">${topic}</a>
% endfor
</aside>
</%block>
<p id="after">Text after the sidebar.</p>
