<%page args="items"/>
% for item in items:
<li>${item.title} ${load(item.id)}</li>
% endfor
