<!DOCTYPE html>
<html lang="${lang}">
<head>
  <title><%block name="title">${page.title}</%block></title>
  <link rel="stylesheet" href="${base}/style.css">
</head>
<body class="${x ? 'a' : 'b'}">
  <ul
% if compact:
    class="compact"
% endif
  >
% for item in items:
    <li class="${loop.cycle('odd', 'even')}" data-id=${item.id}>${item.name}</li>
% endfor
  </ul>
  <input type="checkbox" ${done ? 'checked' : ''} value="${value | h}">
  ${self.body()}
  ${next.body()}
  ${parent.header()}
</body>
</html>
