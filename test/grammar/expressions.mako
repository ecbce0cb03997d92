<p>${name}</p>
<p>${user.name | h}</p>
<p>${html | n}</p>
<p>${q | u, trim}</p>
<p>${value | decode.utf8}</p>
<p>${a || b} ${flags |= 1} ${(a | b)} ${[x | y][0] | str}</p>
<p>${ { a: 1, b: '}' }.a } ${"}" + '|'}</p>
<p>${`total: ${items.length}` | h}</p>
<p>${item as string} ${(n as number).toFixed(2)}</p>
<p>${await load(id)} ${items.map((i) => i.name).join(', ')}</p>
<p>${x ? 'yes' : 'no'} ${loop.cycle('odd', 'even')}</p>
${
  items
    .filter((i) => i.visible)
    .length
}
<a href="/item/${item.id}?q=${q | u}" class='${cls}' title=${title}>link</a>
<!-- ${comment.author} -->
<script>
  const data = ${JSON.stringify(state) | n}
  const msg = "hello ${name | h}"
</script>
<style>
  .box { width: ${width}px; }
</style>
