## Level 2 of 3: a section layout between the shell and the pages.
<%!
import type { NavLink } from '../../types'
%>
<%inherit file="/base.mako"/>
<%page args="section: string, nav: NavLink[], path: string"/>
<%block name="title">${section} | Mako playground</%block>
<nav>
% for item in nav:
  <a href="${item.href}" class="${item.href === path ? 'active' : ''}">${item.label}</a>
% endfor
</nav>
<main class="section-${section}">
${next.body(context.kwargs)}
</main>
