using System.Diagnostics;
using System.Runtime.InteropServices;
using DistillGuard.Core.Engine;
using DistillGuard.Core.Sketches;

namespace DistillGuard.Core.Linking;

// The checkpoint form of the link index (part of DetectionEngine.WriteCheckpoint).
internal sealed partial class LinkIndex
{
    private const byte LinkingFlag = 1;
    private const byte PendingFlag = 2;
    private const byte CommonFlag = 4;
    private const byte RareFlag = 8;

    // Union by size keeps every tree at most log2(accounts) deep, so a longer walk means the parents were damaged.
    private const int MaxTreeDepth = 32;

    /// <summary>
    /// Writes the index: the account count; the value slots in order (a live value's kind, value, accounts, payment
    /// sketch and flags); the free slots, last freed last; the pending values; per account its parent, component size,
    /// member list and payment value; the proxy hours, oldest first, with their keys.
    /// </summary>
    public void WriteCheckpoint(CheckpointWriter writer)
    {
        writer.WriteInt32(Count);
        writer.WriteInt32(_slots.Count);
        foreach (var value in _slots)
        {
            writer.WriteBoolean(value is not null);
            if (value is null)
            {
                continue;
            }

            writer.WriteByte((byte)value.Kind);
            writer.WriteString(value.Value);
            writer.WriteInt32s(CollectionsMarshal.AsSpan(value.Accounts));
            writer.WriteSketch(value.Payments);
            writer.WriteByte((byte)((value.Linking ? LinkingFlag : 0) | (value.Pending ? PendingFlag : 0) | (value.Common ? CommonFlag : 0) | (value.RareLinked ? RareFlag : 0)));
        }

        writer.WriteInt32s(CollectionsMarshal.AsSpan(_freeSlots));
        writer.WriteInt32(_pending.Count);
        foreach (var value in _pending)
        {
            WriteValueReference(writer, value);
        }

        for (var i = 0; i < Count; i++)
        {
            writer.WriteInt32(_parent[i]);
            writer.WriteInt32(_size[i]);
            if (_members[i] is { } members)
            {
                writer.WriteInt32s(CollectionsMarshal.AsSpan(members));
            }
            else
            {
                writer.WriteInt32(-1);
            }

            writer.WriteInt32(_paymentOf[i]?.Slot ?? -1);
        }

        // The newest hour's key list is always the queue's last (AddProxy enqueues it as it moves to a new hour).
        Debug.Assert(_proxyHours.Count == 0 ? _newestProxyKeys is null : ReferenceEquals(_newestProxyKeys, _proxyHours.Last().Keys), "newest proxy keys");
        writer.WriteInt64(_newestProxyHour);
        writer.WriteInt32(_proxyHours.Count);
        foreach (var (hour, keys) in _proxyHours)
        {
            writer.WriteInt64(hour);
            writer.WriteInt32(keys.Count);
            foreach (var key in keys)
            {
                writer.WriteString(key);
            }
        }
    }

    /// <summary>Writes a reference to a value of this index, for <see cref="ReadValueReference"/>.</summary>
    public static void WriteValueReference(CheckpointWriter writer, LinkValue value) => writer.WriteInt32(value.Slot);

    /// <summary>Reads a reference written by <see cref="WriteValueReference"/>.</summary>
    public LinkValue ReadValueReference(ref CheckpointReader reader) =>
        _slots[reader.ReadIndex(_slots.Count, "a link value slot")] ?? throw reader.Invalid("a reference to a dropped link value");

    /// <summary>Fills this new, empty index from what <see cref="WriteCheckpoint"/> wrote.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a consistent index.</exception>
    public void ReadCheckpoint(ref CheckpointReader reader)
    {
        if (Count != 0 || _slots.Count != 0)
        {
            throw new InvalidOperationException("A checkpoint is read into an empty link index.");
        }

        var accounts = reader.ReadCount("accounts", 4 * sizeof(int));
        ReadValues(ref reader, accounts);
        var free = reader.ReadCount("free value slots", sizeof(int));
        var isFree = new bool[_slots.Count];
        for (var i = 0; i < free; i++)
        {
            var slot = reader.ReadIndex(_slots.Count, "a free value slot");
            if (_slots[slot] is not null || isFree[slot])
            {
                throw reader.Invalid($"free slot {slot} holds a value or is listed twice");
            }

            isFree[slot] = true;
            _freeSlots.Add(slot);
        }

        if (_freeSlots.Count + _values.Count != _slots.Count)
        {
            throw reader.Invalid($"{_slots.Count - _values.Count} value slots are empty but {_freeSlots.Count} are listed as free");
        }

        var pending = reader.ReadCount("pending values", sizeof(int));
        for (var i = 0; i < pending; i++)
        {
            _pending.Add(ReadValueReference(ref reader));
        }

        for (var i = 0; i < accounts; i++)
        {
            _parent.Add(reader.ReadIndex(accounts, "a parent account"));
            var size = reader.ReadInt32();
            _size.Add(size is >= 1 && size <= accounts ? size : throw reader.Invalid($"account {i}'s component size is {size}"));
            var memberCount = reader.ReadInt32();
            List<int>? members = null;
            if (memberCount != -1)
            {
                if (memberCount < 1 || memberCount > accounts)
                {
                    throw reader.Invalid($"account {i} lists {memberCount} members");
                }

                members = new List<int>(memberCount);
                for (var m = 0; m < memberCount; m++)
                {
                    members.Add(reader.ReadIndex(accounts, "a member account"));
                }
            }

            _members.Add(members);
            var payment = reader.ReadInt32();
            _paymentOf.Add(payment == -1 ? null
                : (uint)payment < (uint)_slots.Count && _slots[payment] is { Kind: LinkKind.PaymentFingerprint } value ? value
                : throw reader.Invalid($"account {i}'s payment value {payment} is not a payment fingerprint"));
        }

        ValidateComponents(ref reader);
        ReadProxyHours(ref reader);

        // Each account's weak values, which rarity ties read as a set (so their order here does not matter).
        for (var i = 0; i < accounts; i++)
        {
            _weakOf.Add(null);
        }

        foreach (var value in _slots)
        {
            if (value is null || LinkValue.IsStrong(value.Kind))
            {
                continue;
            }

            foreach (var account in value.Accounts)
            {
                (_weakOf[account] ??= []).Add(value);
            }
        }
    }

    private void ReadValues(ref CheckpointReader reader, int accounts)
    {
        var slots = reader.ReadCount("value slots", 1);
        for (var slot = 0; slot < slots; slot++)
        {
            if (!reader.ReadBoolean())
            {
                _slots.Add(null);
                continue;
            }

            var kind = reader.ReadByte();
            if (kind > (byte)LinkKind.SignupCohort)
            {
                throw reader.Invalid($"link kind {kind} is unknown");
            }

            var text = reader.ReadString("a link value");
            var count = reader.ReadCount("accounts of a value", sizeof(int));
            if (count > MaxAccountsPerValue)
            {
                throw reader.Invalid($"a value lists {count} accounts, more than {MaxAccountsPerValue}");
            }

            var accountsOfValue = new List<int>(count);
            for (var i = 0; i < count; i++)
            {
                accountsOfValue.Add(reader.ReadIndex(accounts, "an account of a value"));
            }

            var payments = reader.ReadSketch<HyperLogLog>();
            if (payments.Precision != LinkValue.PaymentsPrecision)
            {
                throw reader.Invalid($"a value's payment sketch has precision {payments.Precision}; this build uses {LinkValue.PaymentsPrecision}");
            }

            var flags = reader.ReadByte();
            if ((flags & ~(LinkingFlag | PendingFlag | CommonFlag | RareFlag)) != 0)
            {
                throw reader.Invalid($"a value has flags {flags}");
            }

            var entry = new LinkValue((LinkKind)kind, text)
            {
                Slot = slot,
                Payments = payments,
                Linking = (flags & LinkingFlag) != 0,
                Pending = (flags & PendingFlag) != 0,
                Common = (flags & CommonFlag) != 0,
                RareLinked = (flags & RareFlag) != 0,
            };
            entry.Accounts.AddRange(accountsOfValue);
            if (!_values.TryAdd((entry.Kind, entry.Value), entry))
            {
                throw reader.Invalid($"{entry.Kind.Name()} value \"{entry.Value}\" appears twice");
            }

            _slots.Add(entry);
        }
    }

    /// <summary>Checks that the parents form trees whose roots list exactly their members, so that Find ends.</summary>
    private void ValidateComponents(ref CheckpointReader reader)
    {
        var rootOf = new int[Count];
        var counted = new int[Count];
        for (var i = 0; i < Count; i++)
        {
            var node = i;
            for (var depth = 0; _parent[node] != node; depth++)
            {
                if (depth == MaxTreeDepth)
                {
                    throw reader.Invalid($"account {i}'s parents do not lead to a root");
                }

                node = _parent[node];
            }

            rootOf[i] = node;
            counted[node]++;
        }

        var listed = new bool[Count];
        for (var i = 0; i < Count; i++)
        {
            var members = _members[i];
            if (rootOf[i] != i)
            {
                if (members is not null)
                {
                    throw reader.Invalid($"account {i} is not a root but lists members");
                }

                continue;
            }

            if (_size[i] != counted[i] || (members is null ? _size[i] != 1 : members.Count != _size[i]))
            {
                throw reader.Invalid($"root {i} has size {_size[i]}, {counted[i]} accounts and {members?.Count ?? 1} listed members");
            }

            foreach (var m in members ?? [])
            {
                if (rootOf[m] != i || listed[m])
                {
                    throw reader.Invalid($"root {i} lists account {m}, which is not its member or is listed twice");
                }

                listed[m] = true;
            }
        }
    }

    private void ReadProxyHours(ref CheckpointReader reader)
    {
        _newestProxyHour = reader.ReadInt64();
        var hours = reader.ReadCount("proxy hours", sizeof(long) + sizeof(int));
        for (var i = 0; i < hours; i++)
        {
            var hour = reader.ReadInt64();
            var count = reader.ReadCount("proxy keys", 1);
            var keys = new List<string>(count);
            for (var k = 0; k < count; k++)
            {
                keys.Add(reader.ReadString("a proxy key"));
            }

            _proxyHours.Enqueue((hour, keys));
            _newestProxyKeys = keys;
        }
    }
}
