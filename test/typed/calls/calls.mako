<%page args="items: string[]"/>
<%def name="box(title: string)">
<div>${title}${caller.body(1, 'x')}</div>
</%def>
<%def name="pair(a: number, b: number = 0)">${caller.body(a)}</%def>
<%call expr="box(items[0])" args="n: number, s: string">
${n.toFixed(1)}${s}
</%call>
<%call expr="box(items.length)" args="n: number, s: string">${n}</%call>
<%call expr="self.pair(1)" args="x: number">${x}</%call>
<%call expr="pair(2, 3)" args="x: string">${x}</%call>
<%self:box title="${items[0]}" args="n: number, s: string">${s}</%self:box>
<%self:box title="${items.length}" args="n: number, s: string">${s}</%self:box>
<%self:box titel="${items[0]}" args="n: number, s: string">${s}</%self:box>
<%self:box args="n: number, s: string">${s}</%self:box>
<%call expr="box('a', 'b')" args="n: number, s: string">${n}</%call>
