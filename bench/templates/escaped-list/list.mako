<ul>
% for item in items:
<li>${item.name}</li>
% endfor
</ul>
