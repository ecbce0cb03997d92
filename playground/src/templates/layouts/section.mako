## Level 2 of 3: a section layout between the shell and the pages.
<%inherit file="/base.mako"/>
<%block name="title">${section} | Mako playground</%block>
<nav>
% for item in nav:
  <a href="${item.href}" class="${item.href === path ? 'active' : ''}">${item.label}</a>
% endfor
</nav>
<main class="section-${section}">
${next.body()}
</main>
