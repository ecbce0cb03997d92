<%! import type { Item } from '../types' %>
<%def name="button(label: string, id: string)"><button id="${id}">${label}</button></%def>
<%def name="row(item: Item, n?: number)"><li>${n ?? 0}. ${item.name}</li></%def>
