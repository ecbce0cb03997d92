<html><head><title>${self.title()}</title></head><body>${next.body()}</body></html>
<%def name="title()">fresh</%def>
