/** Conditions of approval and asks for more time on a request page, with the forms this viewer may use now. */
import { answerActions } from '../answerActions';
import { Conditions } from './Conditions';
import { Extensions } from './Extensions';
import type { RequestView } from './requestView';

export function Answers({ v }: { v: RequestView }) {
  const actions = answerActions(v.viewer, v.state, v.directory);
  return (
    <>
      <Conditions v={v} actions={actions} />
      <Extensions v={v} actions={actions} />
    </>
  );
}
