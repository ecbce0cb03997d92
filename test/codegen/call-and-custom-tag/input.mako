<%def name="box(title)"><div>${title}:${caller.body()}</div></%def>
<%call expr="box('a')">inside</%call>
<%self:box title="${name}">custom</%self:box>
