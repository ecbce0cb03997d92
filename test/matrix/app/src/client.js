import page from '../templates/page.mako'

document.getElementById('app').innerHTML = page.render({ name: 'browser' })
