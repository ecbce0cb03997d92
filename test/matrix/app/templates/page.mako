<%inherit file="layout.mako"/>
<img src="./logo.png" alt="logo">
<p>Hello ${name}</p>
