import { useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { SearchView } from '../../components/SearchView';

export default function SearchPage() {
  const { params } = useRouter();
  const [query, setQuery] = useState(() => decodeURIComponent(params.q ?? ''));
  return <SearchView query={query} onQueryChange={setQuery} />;
}
