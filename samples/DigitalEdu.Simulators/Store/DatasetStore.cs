namespace DigitalEdu.Simulators.Store;

/// <summary>
/// The records of one dataset, kept sorted by (updatedAt, key) per school and for the whole province, so any page is a
/// binary search plus a copy of at most <c>limit</c> references. Reads share a lock; admin changes take it exclusively.
/// </summary>
internal sealed class DatasetStore(DatasetDefinition definition)
{
    private readonly Dictionary<string, RecordEntry> _byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<RecordEntry>> _bySchool = new(StringComparer.Ordinal);
    private readonly List<RecordEntry> _all = [];
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);

    public DatasetDefinition Definition { get; } = definition;

    public int Count
    {
        get
        {
            _lock.EnterReadLock();
            try
            {
                return _all.Count;
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
    }

    /// <summary>Every record now, in listing order: a copy, so the caller may read it while others change the store.</summary>
    public IReadOnlyList<RecordEntry> All()
    {
        _lock.EnterReadLock();
        try
        {
            return [.. _all];
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>Adds during generation, unsorted; <see cref="Seal"/> sorts once at the end.</summary>
    public void AddUnsorted(RecordEntry entry)
    {
        if (!_byKey.TryAdd(entry.Key, entry))
        {
            throw new InvalidOperationException($"Duplicate key {entry.Key} in {Definition.Name}.");
        }

        _all.Add(entry);
        PartitionOf(entry.SchoolCode).Add(entry);
    }

    public void Seal()
    {
        _all.Sort();
        foreach (var list in _bySchool.Values)
        {
            list.Sort();
        }
    }

    public long LatestTicks => _all.Count == 0 ? 0 : _all[^1].UpdatedTicks;

    /// <summary>
    /// A page of the whole dataset (<paramref name="schoolCode"/> null) or of one school: records after the cursor, or with
    /// updatedAt after <paramref name="updatedSinceTicks"/>, whichever bound is later.
    /// </summary>
    public RecordPage Read(string? schoolCode, PageCursor? after, long? updatedSinceTicks, int limit)
    {
        _lock.EnterReadLock();
        try
        {
            List<RecordEntry>? list = schoolCode is null ? _all : _bySchool.GetValueOrDefault(schoolCode);
            if (list is null)
            {
                return new RecordPage([], null);
            }

            var start = 0;
            if (updatedSinceTicks is { } since)
            {
                start = FirstAfter(list, e => e.UpdatedTicks > since);
            }

            if (after is { } cursor)
            {
                start = Math.Max(start, FirstAfter(list, e => RecordEntry.Compare(e.UpdatedTicks, e.Key, cursor.UpdatedTicks, cursor.Key) > 0));
            }

            var end = Math.Min(list.Count, start + limit);
            var items = new byte[end - start][];
            for (var i = start; i < end; i++)
            {
                items[i - start] = list[i].Json;
            }

            PageCursor? next = end < list.Count && end > start ? new PageCursor(list[end - 1].UpdatedTicks, list[end - 1].Key) : null;
            return new RecordPage(items, next);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public RecordEntry? Find(string key)
    {
        _lock.EnterReadLock();
        try
        {
            return _byKey.GetValueOrDefault(key);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>Replaces a record by a new version built from the current one; false when the key is unknown.</summary>
    public bool Replace(string key, Func<RecordEntry, RecordEntry> update)
    {
        _lock.EnterWriteLock();
        try
        {
            if (!_byKey.TryGetValue(key, out var current))
            {
                return false;
            }

            var replacement = update(current);
            RemoveSorted(_all, current);
            RemoveSorted(PartitionOf(current.SchoolCode), current);
            InsertSorted(_all, replacement);
            InsertSorted(PartitionOf(replacement.SchoolCode), replacement);
            _byKey[key] = replacement;
            return true;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>
    /// Rebuilds the chosen records at once and sorts each list a single time: touching thousands of records one by one would
    /// move the sorted lists thousands of times.
    /// </summary>
    public int ReplaceMany(Func<RecordEntry, bool> choose, Func<RecordEntry, RecordEntry> update)
    {
        _lock.EnterWriteLock();
        try
        {
            var chosen = _all.Where(choose).ToList();
            foreach (var current in chosen)
            {
                var replacement = update(current);
                _byKey[current.Key] = replacement;
            }

            _all.Clear();
            _all.AddRange(_byKey.Values);
            _all.Sort();
            foreach (var partition in _bySchool.Values)
            {
                partition.Clear();
            }

            foreach (var entry in _all)
            {
                PartitionOf(entry.SchoolCode).Add(entry);
            }

            return chosen.Count;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public bool Remove(string key)
    {
        _lock.EnterWriteLock();
        try
        {
            if (!_byKey.Remove(key, out var current))
            {
                return false;
            }

            RemoveSorted(_all, current);
            RemoveSorted(PartitionOf(current.SchoolCode), current);
            return true;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    private List<RecordEntry> PartitionOf(string schoolCode)
    {
        if (!_bySchool.TryGetValue(schoolCode, out var list))
        {
            list = [];
            _bySchool[schoolCode] = list;
        }

        return list;
    }

    // The first index whose entry satisfies a predicate that is false then true along the sorted list.
    private static int FirstAfter(List<RecordEntry> list, Func<RecordEntry, bool> isAfter)
    {
        int low = 0, high = list.Count;
        while (low < high)
        {
            var mid = low + ((high - low) / 2);
            if (isAfter(list[mid]))
            {
                high = mid;
            }
            else
            {
                low = mid + 1;
            }
        }

        return low;
    }

    private static void RemoveSorted(List<RecordEntry> list, RecordEntry entry)
    {
        var index = list.BinarySearch(entry);
        if (index >= 0)
        {
            list.RemoveAt(index);
        }
    }

    private static void InsertSorted(List<RecordEntry> list, RecordEntry entry)
    {
        var index = list.BinarySearch(entry);
        list.Insert(index >= 0 ? index : ~index, entry);
    }
}
