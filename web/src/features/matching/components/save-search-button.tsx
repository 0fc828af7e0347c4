import { StarOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { paths } from '../../../app/routes.js';
import { useSession } from '../../accounts/session/session-context.js';
import type { SearchParams } from '../../search/types.js';
import { type SavedQuery, savedQueryOf } from '../saved-search-query.js';

// The form loads on the first click: most visitors of the search page never save one.
const SavedSearchModal = lazy(() => import('./saved-search-modal.js').then((m) => ({ default: m.SavedSearchModal })));

/**
 * 保存检索 on the search page: keeps the current words, type and filters as a saved search (我的订阅)
 * with alerts on. A visitor is sent to sign in first and comes back to the same search.
 */
export function SaveSearchButton({ params }: { params: SearchParams }) {
  const { session } = useSession();
  const { message } = App.useApp();
  const location = useLocation();
  const navigate = useNavigate();
  const [query, setQuery] = useState<SavedQuery | undefined>(undefined);

  const open = () => {
    if (!session?.user) {
      navigate(`${paths.signIn}?next=${encodeURIComponent(`${location.pathname}${location.search}`)}`);
      return;
    }
    setQuery(savedQueryOf(params));
  };

  return (
    <>
      <Button icon={<StarOutlined />} onClick={open}>
        保存检索
      </Button>
      {query && (
        <Suspense fallback={null}>
          <SavedSearchModal
            mode={{ kind: 'create', query }}
            onClose={() => setQuery(undefined)}
            onDone={(saved) => {
              setQuery(undefined);
              message.success(
                <span>
                  已保存到<Link to={paths.savedSearches}>我的订阅</Link>：{saved.name}
                </span>,
              );
            }}
          />
        </Suspense>
      )}
    </>
  );
}
