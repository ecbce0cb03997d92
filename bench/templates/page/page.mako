<%inherit file="base.mako"/>
<%block name="title">${pageTitle}</%block>
<%block name="content">
<h1>${heading}</h1>
<table>
% for r in rows:
${row(r)}
% endfor
</table>
</%block>
<%def name="row(r)"><tr>
<td>${r.name}</td><td>${r.email}</td><td>${r.city}</td><td>${r.company}</td><td>${r.note}</td>
% if r.active:
<td class="on">active</td>
% else:
<td class="off">inactive</td>
% endif
</tr></%def>
