// Differences the differential test (test/difftest) found, reduced by its shrinker, kept
// here as conformance cases checked against Python Mako (oracle.sh).
import type { Case } from '../types.js'
import { t } from './util.js'

export const difftestFound: Case[] = [
  t('a buffered def with filter="h" is not escaped again by the default filter', '<%def name="d()" buffered="True" filter="h"><</%def>${d()}', '&lt;', { mako: true }),
  t('a buffered def with filter="h" under | n is escaped once', '<%def name="d()" buffered="True" filter="h"><</%def>${d() | n}', '&lt;', { mako: true }),
  t('a buffered def with filter="h, trim" is escaped once', '<%def name="d()" buffered="True" filter="h, trim"> < </%def>${d()}', '&lt;', { mako: true }),
  t('a buffered def with filter="trim, h" is escaped once', '<%def name="d()" buffered="True" filter="trim, h"> < </%def>${d()}', '&lt;', { mako: true }),
  t('a buffered def with filter="x" is escaped again by the default h (x is not Markup)', '<%def name="d()" buffered="True" filter="x"><</%def>${d()}', '&amp;lt;', { mako: true }),
  t('a buffered cached def with filter="h" is escaped once on the miss and on the hit', '<%def name="d()" buffered="True" cached="True" filter="h"><</%def>${d()}${d()}', '&lt;&lt;'),
  t('string methods work on a buffered def\'s escaped output', '<%def name="d()" buffered="True" filter="h">a<</%def>${d().length}', '5'),
  // deviation (docs/language.md): escaped text joined with + is a plain string again, where
  // Python's markupsafe Markup survives the +; Mako renders [&#34;]
  t('escaped output joined with + is escaped again (deviation: JavaScript strings carry no markup flag)', '<%def name="d()" buffered="True" filter="h">"</%def>${"[" + d() + "]"}', '[&amp;#34;]'),
  t('a filtered expression wrapped whole in parentheses', '${(1 + 2) | h}', '3', { mako: true }),
  t('an include arg wrapped whole in parentheses', '<%include file="i.mako" args="a=(1 + 2)"/>', '3', { templates: { 'i.mako': '<%page args="a"/>${a}' }, mako: true }),
  t('a custom tag attribute expression wrapped whole in parentheses', '<%def name="f(a)">${a}</%def><%self:f a="${(1 + 2)}"/>', '3', { mako: true }),
]
