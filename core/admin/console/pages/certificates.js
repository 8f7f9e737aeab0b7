// Certificates with their expiry (GET /admin/certificates): soonest first, files that could not
// be read apart.
import { get } from '../api.js';
import { clear, h, notice, number, problemText, time } from '../dom.js';
import { t } from '../i18n.js';

export function render(view) {
  const body = h('div', {}, h('p', { class: 'muted' }, t('common.loading')));
  clear(view, h('h1', {}, t('certificates.title')), h('p', { class: 'hint' }, t('certificates.hint')), body);
  get('/admin/certificates')
    .then((r) => {
      const certs = [...r.certificates].sort((a, b) => (a.days_left ?? 0) - (b.days_left ?? 0));
      clear(
        body,
        certs.length
          ? h(
              'table',
              { class: 'grid', id: 'certificates-table' },
              h('thead', {}, h('tr', {}, ['where', 'subject', 'issuer', 'not_after', 'days_left', 'status', 'file'].map((k) => h('th', { scope: 'col' }, t(`certificates.${k}`))))),
              h(
                'tbody',
                {},
                certs.map((c) =>
                  h(
                    'tr',
                    { 'data-status': c.status },
                    h('td', {}, c.connector ? h('strong', {}, c.connector, ' ') : null, h('span', { class: 'mono small' }, c.key), c.index ? h('span', { class: 'muted' }, ` #${c.index}`) : null),
                    h('td', { class: 'mono small' }, c.subject),
                    h('td', { class: 'mono small' }, c.issuer),
                    h('td', {}, time(c.not_after)),
                    h('td', { class: 'num' }, number(c.days_left, 0)),
                    h('td', {}, h('span', { class: `badge cert-${c.status}` }, t(`cert.${c.status}`))),
                    h('td', { class: 'mono small clip', title: c.file }, c.file.split('/').pop()),
                  ),
                ),
              ),
            )
          : h('p', { class: 'muted' }, t('certificates.none')),
        r.errors.length
          ? [
              h('h2', {}, t('certificates.errors')),
              h('ul', { class: 'errors' }, r.errors.map((e) => h('li', {}, h('strong', {}, `${e.connector ?? 'hub.json'} ${e.key}: `), e.reason))),
            ]
          : null,
      );
    })
    .catch((err) => clear(body, notice('bad', problemText(err))));
}
