<!DOCTYPE html>
<html>
<head>
<title><%block name="title">Example</%block></title>
</head>
<body>
<header><%block name="header"><nav><a href="/">Home</a> <a href="/about">About</a></nav></%block></header>
<main><%block name="content"/></main>
<footer><%block name="footer">&copy; 2026 Example</%block></footer>
</body>
</html>
