<%include file="header.mako" args="title=page.title, n=3"/>
<%include file="${part}.mako" args="...extra"/>
