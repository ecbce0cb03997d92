<%inherit file="base.mako"/>
<%namespace name="ui" file="ui.mako"/>
<%block name="title">${page.title}</%block>
${ui.button('go')}
<%block name="stats" cached="True" cache_timeout="30">${Date.now()}</%block>
