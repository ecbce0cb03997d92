<%page args="items: string[]"/>
% for item in items:
<li class="${loop.cycle('odd', 'even')}">${loop.index + 1}/${loop.length} ${item}</li>
% if loop.frist:
first
% endif
${loop.index.toUpperCase()}
% for c in item:
${loop.parent.index}-${loop.parent.idx}
% endfor
% endfor
