import { useEffect, useState } from 'preact/hooks';
import { listAudit, listMembers } from '../../../shared/contract/teams';
import { announce } from '../announce';
import { call, useEndpoint } from '../api';
import { ListTable } from '../components/list-table';
import { Status } from '../components/status';
import { type OpsKey, useOpsT } from './i18n';

/** The objects a change can be made to (the audit log's target types are the features' tags). */
const OBJECTS = [
  'surveys',
  'touchpoints',
  'sites',
  'keys',
  'members',
  'webhooks',
  'alerts',
  'cases',
  'invitations',
  'respondents',
  'insights',
] as const;

const PAGE = 50;
type Item = NonNullable<ReturnType<typeof useEndpoint<typeof listAudit>>['data']>['items'][number];

/** The audit log: every change, newest first, filtered by member and by object, read a page at a time. */
export function Audit() {
  const ui = useOpsT();
  const { ot } = ui;
  const membersQ = useEndpoint(listMembers, {}, 'low');
  const members = membersQ.data?.items ?? [];
  const [actor, setActor] = useState('');
  const [targetType, setTargetType] = useState('');
  const [targetId, setTargetId] = useState('');
  const query = {
    limit: PAGE,
    ...(actor ? { actor } : {}),
    ...(targetType ? { targetType } : {}),
    ...(targetId.trim() ? { targetId: targetId.trim() } : {}),
  };
  const q = useEndpoint(listAudit, { query });
  const [more, setMore] = useState<{ items: Item[]; next?: string | undefined }>({ items: [] });
  const [loadingMore, setLoadingMore] = useState(false);
  const key = JSON.stringify(query);
  useEffect(() => setMore({ items: [] }), [key]);
  const all = [...(q.data?.items ?? []), ...more.items];
  const next = more.items.length ? more.next : q.data?.nextCursor;

  const loadMore = async () => {
    if (!next) return;
    setLoadingMore(true);
    try {
      const page = await call(listAudit, { query: { ...query, cursor: next } });
      setMore((m) => ({ items: [...m.items, ...page.items], next: page.nextCursor }));
      announce(ui.t('announceCount', { count: ui.int(all.length + page.items.length) }));
    } catch (e) {
      announce(ot('failed', { message: (e as Error).message }));
    } finally {
      setLoadingMore(false);
    }
  };

  const who = (a: Item['actor']) =>
    a.type === 'member' ? (a.email ?? members.find((m) => m.id === a.id)?.email ?? a.id) : ot('apiKey', { id: a.id });
  const objectName = (t: string) => (OBJECTS.includes(t as never) ? ot(`target.${t}` as OpsKey) : t);

  return (
    <div class="setup-grid ops-audit">
      <p class="intro">{ot('auditIntro')}</p>
      <div class="card form-row audit-filters" data-testid="audit-filters">
        <div class="field">
          <label for="f-audit-actor">{ot('auditMember')}</label>
          <select id="f-audit-actor" value={actor} onChange={(e) => setActor(e.currentTarget.value)}>
            <option value="">{ot('anyMember')}</option>
            {members.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name ? `${m.name} <${m.email}>` : m.email}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="f-audit-object">{ot('auditObject')}</label>
          <select id="f-audit-object" value={targetType} onChange={(e) => setTargetType(e.currentTarget.value)}>
            <option value="">{ot('anyObject')}</option>
            {OBJECTS.map((o) => (
              <option key={o} value={o}>
                {objectName(o)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="f-audit-id">{ot('auditObjectId')}</label>
          <input
            id="f-audit-id"
            dir="ltr"
            size={20}
            spellcheck={false}
            value={targetId}
            onChange={(e) => setTargetId(e.currentTarget.value)}
          />
        </div>
      </div>
      <section class="card" aria-live="polite">
        <Status loading={q.loading} error={q.error} retry={q.reload}>
          {q.data &&
            (all.length === 0 ? (
              <p class="notice">{ot('noAudit')}</p>
            ) : (
              <>
                <ListTable testid="audit" columns={[ot('aAt'), ot('aWho'), ot('aAction'), ot('aTarget')]}>
                  {all.map((a) => (
                    <tr key={a.id} data-audit={a.id}>
                      <td>{ui.dateTime(a.at)}</td>
                      <td>
                        <bdi>{who(a.actor)}</bdi>
                      </td>
                      <td>
                        <code dir="ltr">{a.action}</code>
                      </td>
                      <td>
                        {objectName(a.target.type)}{' '}
                        {a.target.id && (
                          <button
                            type="button"
                            class="btn-link mono"
                            dir="ltr"
                            title={ot('auditObjectId')}
                            onClick={() => {
                              setTargetType(a.target.type);
                              setTargetId(a.target.id ?? '');
                            }}
                          >
                            {a.target.id}
                          </button>
                        )}
                      </td>
                      <td />
                    </tr>
                  ))}
                </ListTable>
                {next && (
                  <button type="button" class="btn" disabled={loadingMore} onClick={loadMore} data-action="audit-more">
                    {loadingMore ? ui.t('loading') : ot('loadMore')}
                  </button>
                )}
              </>
            ))}
        </Status>
      </section>
    </div>
  );
}
