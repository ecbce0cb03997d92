<!DOCTYPE html>
<html>
<head>
<title>${title}</title>
</head>
<body>
<nav class="sidebar">
<ul>
% for l in links:
<li><a href="${l.href}" title="${l.title}">${l.text}</a></li>
% endfor
</ul>
</nav>
<article>
<h1>${title}</h1>
% for sec in sections:
<section id="${sec.id}">
<h2>${sec.heading}</h2>
% for p in sec.paragraphs:
<p>${p}</p>
% endfor
<pre><code>${sec.code}</code></pre>
</section>
% endfor
</article>
</body>
</html>
