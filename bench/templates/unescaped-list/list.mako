<ul>
% for item in items:
<li>${item.name | n}</li>
% endfor
</ul>
