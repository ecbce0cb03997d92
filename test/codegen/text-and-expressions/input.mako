<%page args="title"/>
<h1>${title}</h1>
<p>${user.name | trim} ${raw | n} ${fmt(user)}</p>
