<%def name="row(r, i)"><tr class="${loop_class(i)}"><td>${r.name}</td></tr></%def>
<table>
% for r in rows:
  ${row(r, loop.index)}
% endfor
</table>
