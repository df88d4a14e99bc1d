using DistillGuard.Simulation.Simulator;
using DistillGuard.Simulation.Simulator.Text;

namespace DistillGuard.Simulation.Tests.Simulator;

public sealed class PhrasingCatalogueTests
{
    [Fact]
    public void Catalogues_EachHoldsAtLeastThirtyWrappersWithOnePromptSlot()
    {
        foreach (var catalogue in new[] { DevPhrasings.Catalogue, HoldoutPhrasings.Catalogue })
        {
            Assert.True(catalogue.Wrappers.Count >= 30, $"only {catalogue.Wrappers.Count} wrappers");
            Assert.All(catalogue.Wrappers, w => Assert.Equal(2, w.User.Split(CoercionWrapper.Slot).Length));
            Assert.Equal(catalogue.Wrappers.Count, catalogue.Wrappers.Select(w => w.Id).Distinct().Count());
        }
    }

    [Fact]
    public void Catalogues_DevCoversItsLanguagesAndHoldoutAddsNewOnes()
    {
        var dev = DevPhrasings.Catalogue.Wrappers.Select(w => w.Language).ToHashSet();
        var holdout = HoldoutPhrasings.Catalogue.Wrappers.Select(w => w.Language).ToHashSet();

        Assert.Equal(new HashSet<string> { "en", "zh", "es", "de", "fr" }, dev);
        Assert.Superset(new HashSet<string> { "en", "ru", "ja", "ko", "pt", "ar", "it", "mixed" }, holdout);
        Assert.Empty(holdout.Intersect(dev).Except(["en"]));
    }

    [Fact]
    public void Catalogues_ShareNoWording()
    {
        var dev = DevPhrasings.Catalogue.FixedParts().ToHashSet(StringComparer.Ordinal);
        var holdout = HoldoutPhrasings.Catalogue.FixedParts().ToHashSet(StringComparer.Ordinal);

        Assert.DoesNotContain(dev, p => p.Length > 12 && holdout.Contains(p));
        Assert.Empty(DevPhrasings.Catalogue.TemplateFamilies.Select(f => f.Name).Intersect(HoldoutPhrasings.Catalogue.TemplateFamilies.Select(f => f.Name)));
    }

    [Fact]
    public void Catalogues_CoverEveryCoercionIdea()
    {
        foreach (var catalogue in new[] { DevPhrasings.Catalogue, HoldoutPhrasings.Catalogue })
        {
            Assert.Equal(Enum.GetValues<CoercionIdea>().Order(), catalogue.Wrappers.Select(w => w.Idea).Distinct().Order());
        }
    }

    [Theory]
    [InlineData(PhrasingSet.Dev, true, false)]
    [InlineData(PhrasingSet.Holdout, false, true)]
    [InlineData(PhrasingSet.All, true, true)]
    public void Phrasebook_Set_SelectsTheCatalogues(PhrasingSet set, bool hasDev, bool hasHoldout)
    {
        var phrasebook = new Phrasebook(set);

        var dev = phrasebook.Wrappers.Count(w => w.Id.StartsWith("dev-", StringComparison.Ordinal));
        var holdout = phrasebook.Wrappers.Count(w => w.Id.StartsWith("ho-", StringComparison.Ordinal));

        Assert.Equal(hasDev, dev > 0);
        Assert.Equal(hasHoldout, holdout > 0);
        Assert.Equal(hasDev, phrasebook.TemplateFamilies.Any(f => DevPhrasings.Catalogue.TemplateFamilies.Contains(f)));
        Assert.Equal(hasHoldout, phrasebook.LengthPrefixes.Any(p => HoldoutPhrasings.Catalogue.LengthPrefixes.Contains(p)));
        Assert.Equal(dev + holdout, phrasebook.Wrappers.Count);
    }

    [Fact]
    public void Render_Wrapper_PlacesThePromptInTheSlot()
    {
        var wrapper = DevPhrasings.Catalogue.Wrappers[0];

        var messages = wrapper.Messages("What is 2 + 2?", "You are a helpful assistant.");

        Assert.Equal("system", messages[0].Role);
        Assert.Contains("What is 2 + 2?", messages[^1].Content, StringComparison.Ordinal);
        Assert.DoesNotContain(CoercionWrapper.Slot, messages[^1].Content, StringComparison.Ordinal);
    }
}
