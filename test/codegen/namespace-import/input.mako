<%namespace name="lib" file="lib.mako" import="card, row"/>
<%namespace file="helpers.mako" import="*"/>
${card(1)} ${row(2)} ${lib.other()} ${helper()}
