<%def name="label(x)" buffered="True">
  <b>${x}</b>
</%def>
<%def name="shout()" filter="trim, h">
  ${text}
</%def>
${label('a') | trim} ${shout()}
