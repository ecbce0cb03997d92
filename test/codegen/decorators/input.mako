<%!
  function bracket(fn) { return (...a) => '[' + fn(...a) + ']' }
%>
<%def name="item(x)" decorator="bracket">${x}</%def>
${item(1)}
<%def name="outer()">
  <%def name="inner()" decorator="bracket">in</%def>
  ${inner()}
</%def>
${outer()}
