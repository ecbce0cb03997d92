<aside class="tip" id="tip">Tip: this aside came through a dynamic <code>file=</code>, resolved by the lookup module.</aside>
