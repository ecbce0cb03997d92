<html>
<body>
<p>Dear ${name},</p>
<p>Thank you for order ${order}.</p>
<table>
% for l in lines:
<tr><td>${l.name}</td><td>${l.qty}</td><td>${l.price}</td></tr>
% endfor
</table>
<p>${note}</p>
<p><a href="${unsubscribe}">Unsubscribe</a></p>
</body>
</html>
