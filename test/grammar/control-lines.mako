% if user.admin:
  admin
% elif user:
  user ${user.name}
% else:
  guest
% endif
% for item in items:
  ${loop.index}: ${item}
% endfor
% for key, value in Object.entries(map):
% for { id, name } in rows:
    % if id === 0:
      % break
    % endif
    % continue
% endfor
% endfor
% while queue.length > 0:
  ${queue.shift()}
% endwhile
% try:
  ${risky()}
% except e:
  failed: ${e.message}
% finally:
  done
% endtry
% if a ? b : c:
% endif
% if veryLongCondition && \
    otherCondition:
% endif
%% a literal percent at a line start
  %% indented
50% is text, not a control line
## a comment line
## a comment going on \
   on the next line
  ## an indented comment line, ${not} an expression
text ## not a comment in the middle of a line
a line ending in a backslash \
joins the next
