//! Independent work spread over the available cores, with results in input order.
//!
//! Reading pages and formatting module files do not depend on one another. The results come
//! back in the order of the input whatever order the threads finish in, so the output does not
//! depend on scheduling.

use std::sync::atomic::{AtomicUsize, Ordering};

/// Applies `f` to every item, on as many threads as there are cores (and items), and returns
/// the results in the order of `items`. Items are handed out one at a time, heaviest `weight`
/// first, so that one large item does not start last while the other threads sit idle.
/// A panic in `f` is resumed on the calling thread.
pub(crate) fn map<T: Sync, R: Send>(items: &[T], weight: impl Fn(&T) -> usize, f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = cores().min(items.len());
    if threads <= 1 {
        return items.iter().map(f).collect();
    }
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(weight(&items[i])));
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        while let Some(&i) = order.get(next.fetch_add(1, Ordering::Relaxed)) {
            done.push((i, f(&items[i])));
        }
        done
    };
    let mut slots: Vec<Option<R>> = std::iter::repeat_with(|| None).take(items.len()).collect();
    std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..threads).map(|_| scope.spawn(work)).collect();
        let mine = work();
        for done in helpers
            .into_iter()
            .map(|helper| helper.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
            .chain([mine])
        {
            for (i, result) in done {
                slots[i] = Some(result);
            }
        }
    });
    slots.into_iter().flatten().collect()
}

/// The number of cores this process may use, asked once: the answer takes system calls (cgroup
/// quotas, affinity), and small runs such as tests and fuzzing call [`map`] many times.
fn cores() -> usize {
    static CORES: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *CORES.get_or_init(|| std::thread::available_parallelism().map_or(1, usize::from))
}

#[cfg(test)]
mod tests {
    #[test]
    fn results_keep_the_input_order() {
        let items: Vec<usize> = (0..1000).collect();
        let squares = super::map(&items, |&i| i % 7, |&i| i * i);
        assert_eq!(squares, items.iter().map(|i| i * i).collect::<Vec<_>>());
        assert!(super::map(&[] as &[u8], |_| 0, |&b| b).is_empty());
    }
}
