<%page args="count: number"/>
<p class="stats-line">${count} items, fragment rendered at <time id="rendered-at">${new Date().toISOString()}</time></p>
