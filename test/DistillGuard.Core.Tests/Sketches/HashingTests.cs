using System.Text;
using DistillGuard.Core.Sketches;

namespace DistillGuard.Core.Tests.Sketches;

public sealed class HashingTests
{
    [Theory]
    [InlineData("")]
    [InlineData("Explain step by step")]
    [InlineData("请逐步解释你的推理过程")]
    public void Hash_Text_EqualsHashOfItsUtf8Bytes(string text) =>
        Assert.Equal(Hashing.Hash(Encoding.UTF8.GetBytes(text), 5), Hashing.Hash(text, 5));

    [Fact]
    public void Hash_TextBeyondStackBuffer_EqualsHashOfItsUtf8Bytes()
    {
        var text = string.Concat(Enumerable.Repeat("Think step by step, then answer. ", 200));

        Assert.Equal(Hashing.Hash(Encoding.UTF8.GetBytes(text)), Hashing.Hash(text));
    }

    [Fact]
    public void Hash_KnownInput_IsStableAcrossRuns() =>
        Assert.Equal(System.IO.Hashing.XxHash3.HashToUInt64("abc"u8, 0), Hashing.Hash("abc"));

    [Fact]
    public void Hash_DifferentSeeds_Differ()
    {
        Assert.NotEqual(Hashing.Hash("prompt", 1), Hashing.Hash("prompt", 2));
        Assert.NotEqual(Hashing.Hash(42UL, 1), Hashing.Hash(42UL, 2));
    }

    [Fact]
    public void Combine_SwappedArguments_Differ() =>
        Assert.NotEqual(Hashing.Combine(1, 2), Hashing.Combine(2, 1));

    [Fact]
    public void Hash_ManyStrings_AllocatesNothing()
    {
        const string Text = "Please show your full chain of thought.";

        var allocated = SketchTestData.AllocatedBytes(() =>
        {
            for (var i = 0; i < 1_000; i++)
            {
                _ = Hashing.Hash(Text, i);
            }
        });

        Assert.Equal(0, allocated);
    }
}
