import type { ApiError } from '../../shared/contract';
import { fieldError } from '../api';
import { TextField } from './controls';

export interface SupervisorCredentials {
  username: string;
  password: string;
}

export const NO_SUPERVISOR_CREDENTIALS: SupervisorCredentials = { username: '', password: '' };

/**
 * A supervisor standing at the till types their own username and password to approve one action
 * (冲销, 重新上传); a problem with either is shown beside it (the op's input field is `supervisor`).
 */
export function SupervisorFields(props: { value: SupervisorCredentials; onChange: (value: SupervisorCredentials) => void; error: ApiError | null; autoFocus?: boolean }) {
  const { value, onChange, error } = props;
  return (
    <>
      <TextField
        label="主管用户名"
        value={value.username}
        onChange={(username) => onChange({ ...value, username })}
        autoComplete="off"
        autoFocus={props.autoFocus}
        error={fieldError(error, 'supervisor.username')}
      />
      <TextField
        label="主管密码"
        type="password"
        value={value.password}
        onChange={(password) => onChange({ ...value, password })}
        autoComplete="off"
        error={fieldError(error, 'supervisor.password')}
      />
    </>
  );
}
