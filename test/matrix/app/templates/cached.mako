<%page cached="True" cache_timeout="600"/>
<p>rendered ${stamp}</p>
