<%!
import type { Item } from './types'
type Mode = 'full' | 'short'
function total(items: Item[]): number { return items.length }
%>
<%page args="title: string, items: Item[] = [], mode: Mode = 'full'"/>
<%def name="row(item: Item, i: number = 0)">${i}. ${item.name}</%def>
% for item in items:
${row(item)}
% endfor
