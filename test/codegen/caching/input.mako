<%page cached="True" cache_timeout="60"/>
<%def name="menu(user)" cached="True" cache_key="menu-${user.id}" cache_type="memory">
  ${user.name}
</%def>
<%block name="side" cached="True" cache_region="short">side</%block>
${menu(u)}
