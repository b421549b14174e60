import { useEffect, useState } from 'react';
import { usePageParams } from '@/services';
import { SearchView } from '../../components/SearchView';

export default function SearchPage() {
  const { q = '' } = usePageParams();
  const [query, setQuery] = useState(q);
  // An address with another question (edited, or a page shown again) starts that search.
  useEffect(() => setQuery(q), [q]);
  return <SearchView query={query} onQueryChange={setQuery} />;
}
