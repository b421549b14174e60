// The 热线 tab's entry: only what the main package needs. Subpackage pages import their
// components directly, so the timeline, rating and statistics screens stay out of the main package.
export { HotlineHome } from './components/HotlineHome';
