import {
  ADMIN_MANAGED_ROLES,
  PASSWORD_MIN_LENGTH,
  type AdminManagedRole,
  type AdminUserDto,
} from '@sanfang/shared';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionError } from '../../api/components/ActionError';
import { useAction } from '../../api/hooks/useAction';
import {
  createUser,
  deleteUser,
  endSessions,
  listUsers,
  resetPassword,
  updateUser,
} from '../api/usersApi';

interface UsersAdminPageProps {
  token: string;
  /** The signed-in administrator: their own row offers no disable, delete or role change. */
  selfId: string;
}

const isManaged = (role: string): role is AdminManagedRole =>
  (ADMIN_MANAGED_ROLES as readonly string[]).includes(role);

/** Accounts of duty officers, commanders and administrators (contacts come from the contact data). */
export function UsersAdminPage({ token, selfId }: UsersAdminPageProps) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<'console' | 'contact'>('console');
  const [query, setQuery] = useState('');
  const [users, setUsers] = useState<AdminUserDto[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [passwordFor, setPasswordFor] = useState<string | null>(null);
  const [newPassword, setNewPassword] = useState('');
  const [form, setForm] = useState({
    username: '',
    displayName: '',
    role: 'duty_officer' as AdminManagedRole,
    password: '',
  });
  const { pending, failure, run } = useAction();

  const reload = useCallback(() => {
    listUsers(token, { kind, q: query || undefined }).then(
      (rows) => {
        setUsers(rows);
        setLoadError(null);
      },
      (e: unknown) => setLoadError(e),
    );
  }, [token, kind, query]);
  useEffect(reload, [reload]);

  const create = (e: FormEvent) => {
    e.preventDefault();
    run(
      'create',
      () => createUser(token, { ...form, subdistrictCode: null }),
      () => {
        setForm({ username: '', displayName: '', role: 'duty_officer', password: '' });
        reload();
      },
    );
  };

  const act = (key: string, action: () => Promise<unknown>) => run(key, action, reload);

  return (
    <main className="users-admin" data-testid="users-admin">
      <h2>{t('users.title')}</h2>
      <div className="users-admin__filters">
        <label>
          {t('users.kind')}{' '}
          <select
            value={kind}
            onChange={(e) => setKind(e.target.value as 'console' | 'contact')}
            data-testid="users-kind"
          >
            <option value="console">{t('users.kinds.console')}</option>
            <option value="contact">{t('users.kinds.contact')}</option>
          </select>
        </label>
        <label>
          {t('users.search')}{' '}
          <input value={query} onChange={(e) => setQuery(e.target.value)} maxLength={64} />
        </label>
      </div>
      {loadError !== null && <ActionError error={loadError} />}
      <table className="users-admin__table">
        <thead>
          <tr>
            <th>{t('users.username')}</th>
            <th>{t('users.displayName')}</th>
            <th>{t('users.role')}</th>
            <th>{t('users.status')}</th>
            <th>{t('users.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {users?.map((u) => {
            const self = u.id === selfId;
            return (
              <tr key={u.id} data-testid={`user-row-${u.username}`}>
                <td>{u.username}</td>
                <td>{u.displayName}</td>
                <td>
                  {isManaged(u.role) && !self ? (
                    <select
                      value={u.role}
                      aria-label={t('users.role')}
                      disabled={pending !== null}
                      onChange={(e) =>
                        act(`role-${u.id}`, () =>
                          updateUser(token, u.id, { role: e.target.value as AdminManagedRole }),
                        )
                      }
                    >
                      {ADMIN_MANAGED_ROLES.map((r) => (
                        <option key={r} value={r}>
                          {t(`roles.${r}`)}
                        </option>
                      ))}
                    </select>
                  ) : (
                    t(`roles.${u.role}`)
                  )}
                </td>
                <td>{u.disabled ? t('users.disabled') : t('users.enabled')}</td>
                <td className="users-admin__actions">
                  {!self && (
                    <button
                      type="button"
                      className="button button--small"
                      disabled={pending !== null}
                      onClick={() =>
                        act(`disable-${u.id}`, () =>
                          updateUser(token, u.id, { disabled: !u.disabled }),
                        )
                      }
                    >
                      {u.disabled ? t('users.enable') : t('users.disable')}
                    </button>
                  )}
                  <button
                    type="button"
                    className="button button--small"
                    disabled={pending !== null}
                    onClick={() => setPasswordFor(passwordFor === u.id ? null : u.id)}
                  >
                    {t('users.resetPassword')}
                  </button>
                  <button
                    type="button"
                    className="button button--small"
                    disabled={pending !== null}
                    onClick={() => act(`sessions-${u.id}`, () => endSessions(token, u.id))}
                  >
                    {t('users.endSessions')}
                  </button>
                  {!self && (
                    <button
                      type="button"
                      className="button button--small button--danger"
                      disabled={pending !== null}
                      onClick={() => {
                        if (window.confirm(t('users.confirmDelete', { username: u.username })))
                          act(`delete-${u.id}`, () => deleteUser(token, u.id));
                      }}
                    >
                      {t('users.delete')}
                    </button>
                  )}
                  {passwordFor === u.id && (
                    <form
                      onSubmit={(e) => {
                        e.preventDefault();
                        act(`password-${u.id}`, () =>
                          resetPassword(token, u.id, { password: newPassword }).then(() => {
                            setPasswordFor(null);
                            setNewPassword('');
                          }),
                        );
                      }}
                    >
                      <input
                        type="password"
                        autoComplete="new-password"
                        aria-label={t('users.newPassword')}
                        placeholder={t('users.passwordHint', { n: PASSWORD_MIN_LENGTH })}
                        minLength={PASSWORD_MIN_LENGTH}
                        value={newPassword}
                        onChange={(e) => setNewPassword(e.target.value)}
                      />
                      <button type="submit" className="button button--small">
                        {t('users.save')}
                      </button>
                    </form>
                  )}
                  {failure?.key.endsWith(u.id) && <ActionError error={failure.error} />}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>

      <form className="users-admin__create" onSubmit={create} data-testid="user-create">
        <h3>{t('users.create')}</h3>
        <label>
          {t('users.username')}
          <input
            name="username"
            required
            value={form.username}
            onChange={(e) => setForm({ ...form, username: e.target.value })}
          />
        </label>
        <label>
          {t('users.displayName')}
          <input
            name="displayName"
            required
            value={form.displayName}
            onChange={(e) => setForm({ ...form, displayName: e.target.value })}
          />
        </label>
        <label>
          {t('users.role')}
          <select
            name="role"
            value={form.role}
            onChange={(e) => setForm({ ...form, role: e.target.value as AdminManagedRole })}
          >
            {ADMIN_MANAGED_ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`roles.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('users.password')}
          <input
            name="password"
            type="password"
            autoComplete="new-password"
            required
            minLength={PASSWORD_MIN_LENGTH}
            placeholder={t('users.passwordHint', { n: PASSWORD_MIN_LENGTH })}
            value={form.password}
            onChange={(e) => setForm({ ...form, password: e.target.value })}
          />
        </label>
        <button type="submit" className="button" disabled={pending !== null}>
          {t('users.createButton')}
        </button>
        {failure?.key === 'create' && <ActionError error={failure.error} />}
      </form>
    </main>
  );
}
