using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using DistillGuard.Core.Exchanges;
using DistillGuard.Core.Features;

namespace DistillGuard.Server.Journal;

/// <summary>
/// The journal's payload: what the engine needs to replay one exchange after a restart. That is the exchange without
/// its texts (message contents and the answer) and the features extracted from those texts, so a replay reproduces the
/// same state without the service ever storing a prompt it was not told to keep.
/// </summary>
/// <remarks>
/// A little-endian binary record: a version byte, then the exchange's fields in a fixed order (strings as a varint byte
/// length plus UTF-8, absent values as a zero presence byte), then the features. Timestamps keep their full tick
/// precision and offset, so a replay orders exchanges exactly as they were first observed. A payload that does not
/// decode throws <see cref="InvalidDataException"/>.
/// </remarks>
internal static class JournalCodec
{
    // Version 3 added the prompt's length and the tool result's hash (after the user turns) and the system prompt's hash
    // and whether the coercion came from it alone (at the end); two development builds each wrote a version 2, never
    // released. A version 1 payload (written before) still decodes, with none of them (length 0, no system prompt).
    private const byte Version = 3;
    private const byte VersionWithoutSystem = 1;

    /// <summary>Encodes an exchange and its features.</summary>
    public static byte[] Encode(Exchange exchange, ExchangeFeatures features)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        var buffer = new ArrayBufferWriter<byte>(256);
        var w = new Writer(buffer);
        w.Byte(Version);
        w.String(exchange.Id);
        w.Timestamp(exchange.Timestamp);
        w.String(exchange.AccountId);
        w.OptionalString(exchange.ApiKeyId);
        w.OptionalString(exchange.EndUserId);

        var client = exchange.Client;
        w.Bool(client is not null);
        if (client is not null)
        {
            w.OptionalString(client.Ip);
            w.OptionalLong(client.Asn);
            w.OptionalString(client.AsnOrg);
            w.Byte((byte)client.NetworkType);
            w.OptionalString(client.Country);
            w.OptionalString(client.UserAgent);
            w.OptionalString(client.TlsFingerprint);
            var headers = client.Headers;
            w.VarInt(headers?.Count ?? -1);
            if (headers is not null)
            {
                foreach (var (name, value) in headers.OrderBy(h => h.Key, StringComparer.Ordinal))
                {
                    w.String(name);
                    w.String(value);
                }
            }
        }

        var billing = exchange.Billing;
        w.Bool(billing is not null);
        if (billing is not null)
        {
            w.OptionalString(billing.PaymentFingerprint);
            w.OptionalString(billing.EmailDomain);
            w.Bool(billing.SignupTimestamp.HasValue);
            if (billing.SignupTimestamp is { } signup)
            {
                w.Timestamp(signup);
            }

            w.OptionalString(billing.Country);
            w.OptionalString(billing.Plan);
        }

        var request = exchange.Request;
        w.String(request.Model);
        w.VarInt(request.Messages.Count);
        foreach (var message in request.Messages)
        {
            // Roles only: the texts live on as features.
            w.String(message.Role);
        }

        w.OptionalDouble(request.Temperature);
        w.OptionalDouble(request.TopP);
        w.OptionalLong(request.N);
        w.OptionalLong(request.MaxTokens);
        w.OptionalLong(request.MaxCompletionTokens);
        w.OptionalBool(request.Logprobs);
        w.OptionalLong(request.TopLogprobs);
        w.OptionalLong(request.Seed);
        w.OptionalString(request.ReasoningEffort);
        w.OptionalBool(request.Stream);
        w.Bool(request.HasTools);
        w.OptionalString(request.ResponseFormat);
        w.OptionalString(request.User);

        var response = exchange.Response;
        w.VarInt(response.Status);
        w.OptionalString(response.FinishReason);
        w.OptionalLong(response.PromptTokens);
        w.OptionalLong(response.CompletionTokens);
        w.OptionalLong(response.ReasoningTokens);
        w.OptionalDouble(response.LatencyMs);

        w.ULong(features.IdHash);
        w.ULong(features.PromptHash);
        w.ULong(features.PrefixSkeleton);
        w.ULong(features.SuffixSkeleton);
        w.Float(features.Coercion);
        w.OptionalString(features.CoercionQuote);
        w.VarInt(features.Topic);
        w.Bool(features.Benchmark);
        w.VarInt(features.UserTurns);
        w.VarInt(features.PromptLength);
        w.ULong(features.ToolResultHash);
        w.ULong(features.ModelHash);
        w.ULong(features.IpHash);
        w.ULong(features.IpPrefixHash);
        w.ULong(features.SystemHash);
        w.Bool(features.SystemCoercionOnly);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Decodes what <see cref="Encode"/> wrote.</summary>
    /// <exception cref="InvalidDataException">The payload is truncated, of another version or malformed.</exception>
    public static (Exchange Exchange, ExchangeFeatures Features) Decode(ReadOnlySpan<byte> payload)
    {
        var r = new Reader(payload);
        try
        {
            var version = r.Byte();
            if (version is not (Version or VersionWithoutSystem))
            {
                throw new InvalidDataException($"journal payload has version {version}; this build reads versions {VersionWithoutSystem} and {Version}");
            }

            var id = r.String();
            var timestamp = r.Timestamp();
            var accountId = r.String();
            var apiKeyId = r.OptionalString();
            var endUserId = r.OptionalString();

            ClientInfo? client = null;
            if (r.Bool())
            {
                var ip = r.OptionalString();
                var asn = r.OptionalLong();
                var asnOrg = r.OptionalString();
                var networkType = (NetworkType)r.Byte();
                if (!Enum.IsDefined(networkType))
                {
                    throw new InvalidDataException($"journal payload has an unknown network type {(int)networkType}");
                }

                var country = r.OptionalString();
                var userAgent = r.OptionalString();
                var tls = r.OptionalString();
                var headerCount = r.VarInt();
                Dictionary<string, string>? headers = null;
                if (headerCount > payload.Length)
                {
                    throw new InvalidDataException("journal payload has more headers than bytes");
                }

                if (headerCount >= 0)
                {
                    headers = new Dictionary<string, string>((int)headerCount, StringComparer.OrdinalIgnoreCase);
                    for (var i = 0; i < headerCount; i++)
                    {
                        headers[r.String()] = r.String();
                    }
                }

                client = new ClientInfo
                {
                    Ip = ip, Asn = asn, AsnOrg = asnOrg, NetworkType = networkType, Country = country,
                    UserAgent = userAgent, TlsFingerprint = tls, Headers = headers,
                };
            }

            BillingInfo? billing = null;
            if (r.Bool())
            {
                var payment = r.OptionalString();
                var email = r.OptionalString();
                DateTimeOffset? signup = r.Bool() ? r.Timestamp() : null;
                billing = new BillingInfo
                {
                    PaymentFingerprint = payment, EmailDomain = email, SignupTimestamp = signup,
                    Country = r.OptionalString(), Plan = r.OptionalString(),
                };
            }

            var model = r.String();
            var messageCount = r.VarInt();
            if (messageCount < 0 || messageCount > payload.Length)
            {
                throw new InvalidDataException("journal payload has a negative message count");
            }

            var messages = new ChatMessage[(int)messageCount];
            for (var i = 0; i < messageCount; i++)
            {
                messages[i] = new ChatMessage(r.String(), string.Empty);
            }

            var request = new ChatRequest
            {
                Model = model,
                Messages = messages,
                Temperature = r.OptionalDouble(),
                TopP = r.OptionalDouble(),
                N = (int?)r.OptionalLong(),
                MaxTokens = (int?)r.OptionalLong(),
                MaxCompletionTokens = (int?)r.OptionalLong(),
                Logprobs = r.OptionalBool(),
                TopLogprobs = (int?)r.OptionalLong(),
                Seed = r.OptionalLong(),
                ReasoningEffort = r.OptionalString(),
                Stream = r.OptionalBool(),
                HasTools = r.Bool(),
                ResponseFormat = r.OptionalString(),
                User = r.OptionalString(),
            };

            var response = new ResponseInfo
            {
                Status = checked((int)r.VarInt()),
                FinishReason = r.OptionalString(),
                PromptTokens = (int?)r.OptionalLong(),
                CompletionTokens = (int?)r.OptionalLong(),
                ReasoningTokens = (int?)r.OptionalLong(),
                LatencyMs = r.OptionalDouble(),
            };

            var features = new ExchangeFeatures
            {
                IdHash = r.ULong(),
                PromptHash = r.ULong(),
                PrefixSkeleton = r.ULong(),
                SuffixSkeleton = r.ULong(),
                Coercion = r.Float(),
                CoercionQuote = r.OptionalString(),
                Topic = checked((short)r.VarInt()),
                Benchmark = r.Bool(),
                UserTurns = checked((short)r.VarInt()),
                PromptLength = version == Version ? checked((int)r.VarInt()) : 0,
                ToolResultHash = version == Version ? r.ULong() : 0,
                ModelHash = r.ULong(),
                IpHash = r.ULong(),
                IpPrefixHash = r.ULong(),
            };

            if (version == Version)
            {
                features = features with { SystemHash = r.ULong(), SystemCoercionOnly = r.Bool() };
            }

            if (!r.AtEnd)
            {
                throw new InvalidDataException("journal payload has trailing bytes");
            }

            var exchange = new Exchange
            {
                Id = id, Timestamp = timestamp, AccountId = accountId, ApiKeyId = apiKeyId, EndUserId = endUserId,
                Client = client, Billing = billing, Request = request, Response = response,
            };
            return (exchange, features);
        }
        catch (Exception ex) when (ex is ArgumentOutOfRangeException or OverflowException or DecoderFallbackException)
        {
            throw new InvalidDataException("journal payload is malformed: " + ex.Message, ex);
        }
    }

    private readonly ref struct Writer(ArrayBufferWriter<byte> buffer)
    {
        public void Byte(byte value)
        {
            buffer.GetSpan(1)[0] = value;
            buffer.Advance(1);
        }

        public void Bool(bool value) => Byte(value ? (byte)1 : (byte)0);

        public void VarInt(long value)
        {
            // Zig-zag, then 7 bits a byte.
            var v = (ulong)((value << 1) ^ (value >> 63));
            var span = buffer.GetSpan(10);
            var i = 0;
            while (v >= 0x80)
            {
                span[i++] = (byte)(v | 0x80);
                v >>= 7;
            }

            span[i++] = (byte)v;
            buffer.Advance(i);
        }

        public void ULong(ulong value)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(buffer.GetSpan(8), value);
            buffer.Advance(8);
        }

        public void Float(float value)
        {
            BinaryPrimitives.WriteSingleLittleEndian(buffer.GetSpan(4), value);
            buffer.Advance(4);
        }

        public void String(string value)
        {
            var length = Encoding.UTF8.GetByteCount(value);
            VarInt(length);
            Encoding.UTF8.GetBytes(value, buffer.GetSpan(length));
            buffer.Advance(length);
        }

        public void Timestamp(DateTimeOffset value)
        {
            VarInt(value.UtcTicks);
            VarInt((long)value.Offset.TotalMinutes);
        }

        public void OptionalString(string? value)
        {
            Bool(value is not null);
            if (value is not null)
            {
                String(value);
            }
        }

        public void OptionalLong(long? value)
        {
            Bool(value.HasValue);
            if (value is { } v)
            {
                VarInt(v);
            }
        }

        public void OptionalBool(bool? value) => Byte(value switch { null => 0, false => 1, true => 2 });

        public void OptionalDouble(double? value)
        {
            Bool(value.HasValue);
            if (value is { } v)
            {
                BinaryPrimitives.WriteDoubleLittleEndian(buffer.GetSpan(8), v);
                buffer.Advance(8);
            }
        }
    }

    private ref struct Reader(ReadOnlySpan<byte> source)
    {
        private readonly ReadOnlySpan<byte> _source = source;
        private int _position;

        public readonly bool AtEnd => _position == _source.Length;

        public byte Byte()
        {
            if (_position >= _source.Length)
            {
                throw new InvalidDataException("journal payload is truncated");
            }

            return _source[_position++];
        }

        public bool Bool() => Byte() switch
        {
            0 => false,
            1 => true,
            var b => throw new InvalidDataException($"journal payload has {b} where a flag was expected"),
        };

        public long VarInt()
        {
            ulong v = 0;
            for (var shift = 0; shift < 70; shift += 7)
            {
                var b = Byte();
                v |= (ulong)(b & 0x7F) << shift;
                if (b < 0x80)
                {
                    return (long)(v >> 1) ^ -(long)(v & 1);
                }
            }

            throw new InvalidDataException("journal payload has an over-long number");
        }

        public ulong ULong() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8));

        public float Float() => BinaryPrimitives.ReadSingleLittleEndian(Take(4));

        public string String()
        {
            var length = VarInt();
            if (length < 0 || length > _source.Length - _position)
            {
                throw new InvalidDataException("journal payload has a string longer than what remains");
            }

            return Encoding.UTF8.GetString(Take((int)length));
        }

        public DateTimeOffset Timestamp()
        {
            var ticks = VarInt();
            var offsetMinutes = VarInt();
            var offset = TimeSpan.FromMinutes(offsetMinutes);
            return new DateTimeOffset(ticks, TimeSpan.Zero).ToOffset(offset);
        }

        public string? OptionalString() => Bool() ? String() : null;

        public long? OptionalLong() => Bool() ? VarInt() : null;

        public bool? OptionalBool() => Byte() switch
        {
            0 => null,
            1 => false,
            2 => true,
            var b => throw new InvalidDataException($"journal payload has {b} where an optional flag was expected"),
        };

        public double? OptionalDouble() => Bool() ? BinaryPrimitives.ReadDoubleLittleEndian(Take(8)) : null;

        private ReadOnlySpan<byte> Take(int count)
        {
            if (count > _source.Length - _position)
            {
                throw new InvalidDataException("journal payload is truncated");
            }

            var span = _source.Slice(_position, count);
            _position += count;
            return span;
        }
    }
}
