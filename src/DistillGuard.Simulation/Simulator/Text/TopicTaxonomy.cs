namespace DistillGuard.Simulation.Simulator.Text;

/// <summary>
/// The topic taxonomy a harvesting operation sweeps: fields, subtopics and the concepts inside them. A systematic
/// sweep walks it in order (field by field, subtopic by subtopic), which is what sets a harvest apart from the
/// scattered interests of real users.
/// </summary>
internal static class TopicTaxonomy
{
    public static readonly IReadOnlyList<TopicField> Fields =
    [
        new("mathematics",
        [
            new("linear algebra", ["eigenvalues and eigenvectors", "the singular value decomposition", "the rank-nullity theorem", "Jordan normal form", "orthogonal projections", "positive definite matrices", "the spectral theorem"], true),
            new("real analysis", ["uniform convergence", "the mean value theorem", "Cauchy sequences", "the Lebesgue integral", "compactness in metric spaces", "the intermediate value theorem", "power series convergence"], true),
            new("probability", ["Bayes' theorem", "the central limit theorem", "Markov chains", "martingales", "the law of large numbers", "conditional expectation", "moment generating functions"], true),
            new("number theory", ["Fermat's little theorem", "quadratic reciprocity", "the Chinese remainder theorem", "Euler's totient function", "Diophantine equations", "modular inverses"], true),
            new("combinatorics", ["the inclusion-exclusion principle", "Catalan numbers", "the pigeonhole principle", "generating functions", "Stirling numbers of the second kind", "derangements"], true),
            new("abstract algebra", ["group homomorphisms", "Lagrange's theorem", "ideals in rings", "field extensions", "Sylow theorems", "quotient groups"], true),
            new("calculus", ["integration by parts", "Taylor series", "the chain rule", "Lagrange multipliers", "improper integrals", "the divergence theorem"], true),
        ]),
        new("computer science",
        [
            new("algorithms", ["Dijkstra's algorithm", "dynamic programming on trees", "the max-flow min-cut theorem", "union-find with path compression", "topological sorting", "the Knuth-Morris-Pratt algorithm", "minimum spanning trees"], true),
            new("data structures", ["B-trees", "skip lists", "Fenwick trees", "tries", "red-black trees", "bloom filters", "segment trees with lazy propagation"], true),
            new("operating systems", ["virtual memory and paging", "the dining philosophers problem", "copy-on-write fork", "priority inversion", "lock-free queues", "the page replacement problem"], false),
            new("distributed systems", ["the Raft consensus algorithm", "vector clocks", "the CAP theorem", "two-phase commit", "consistent hashing", "CRDTs"], false),
            new("theory of computation", ["NP-completeness of 3-SAT", "the pumping lemma for regular languages", "the halting problem", "polynomial-time reductions", "context-free grammars"], true),
            new("machine learning", ["backpropagation", "the attention mechanism", "the bias-variance trade-off", "dropout regularisation", "gradient boosting", "variational autoencoders", "contrastive learning"], true),
            new("databases", ["B+ tree indexes", "MVCC isolation", "query plan optimisation", "write-ahead logging", "normal forms"], false),
            new("security", ["Diffie-Hellman key exchange", "timing side channels", "SQL injection", "elliptic-curve signatures", "password hashing with Argon2"], false),
        ]),
        new("physics",
        [
            new("classical mechanics", ["Lagrangian mechanics", "Noether's theorem", "rigid body rotation", "small oscillations", "central force motion"], true),
            new("electromagnetism", ["Maxwell's equations", "Gauss's law", "electromagnetic induction", "the Poynting vector", "boundary conditions at interfaces"], true),
            new("quantum mechanics", ["the uncertainty principle", "the quantum harmonic oscillator", "tunnelling through a barrier", "spin-1/2 systems", "perturbation theory", "the hydrogen atom"], true),
            new("thermodynamics", ["entropy", "the Carnot cycle", "the Boltzmann distribution", "free energy", "phase transitions"], true),
            new("relativity", ["time dilation", "Lorentz transformations", "the twin paradox", "mass-energy equivalence", "the equivalence principle"], true),
        ]),
        new("chemistry",
        [
            new("organic chemistry", ["SN1 versus SN2 mechanisms", "aromaticity", "Diels-Alder reactions", "stereochemistry and chirality", "Grignard reagents"], false),
            new("physical chemistry", ["Gibbs free energy", "reaction kinetics and rate laws", "the Arrhenius equation", "chemical equilibrium", "the Nernst equation"], true),
            new("inorganic chemistry", ["crystal field theory", "coordination complexes", "periodic trends", "acid-base theories"], false),
        ]),
        new("biology",
        [
            new("molecular biology", ["CRISPR-Cas9", "transcription regulation", "the lac operon", "PCR", "RNA splicing", "protein folding"], false),
            new("genetics", ["Hardy-Weinberg equilibrium", "linkage and recombination", "epistasis", "genetic drift", "polygenic inheritance"], true),
            new("physiology", ["the action potential", "the renin-angiotensin system", "oxygen-haemoglobin dissociation", "muscle contraction", "renal filtration"], false),
            new("ecology", ["predator-prey dynamics", "island biogeography", "trophic cascades", "carrying capacity"], true),
        ]),
        new("economics",
        [
            new("microeconomics", ["price elasticity of demand", "Nash equilibrium", "consumer surplus", "monopoly pricing", "externalities and Pigouvian taxes", "the Coase theorem"], true),
            new("macroeconomics", ["the IS-LM model", "quantitative easing", "the Phillips curve", "the Solow growth model", "the fiscal multiplier"], true),
            new("finance", ["the Black-Scholes model", "the capital asset pricing model", "bond duration and convexity", "the efficient market hypothesis", "discounted cash flow valuation", "put-call parity"], true),
        ]),
        new("statistics",
        [
            new("inference", ["hypothesis testing and p-values", "confidence intervals", "maximum likelihood estimation", "the bootstrap", "Bayesian credible intervals"], true),
            new("regression", ["ordinary least squares", "multicollinearity", "logistic regression", "regularisation with ridge and lasso", "heteroscedasticity"], true),
            new("experimental design", ["randomised controlled trials", "statistical power", "A/B testing", "multiple comparisons"], true),
        ]),
        new("law",
        [
            new("contract law", ["consideration", "promissory estoppel", "the parol evidence rule", "frustration of contract", "remedies for breach"], false),
            new("constitutional law", ["judicial review", "separation of powers", "the commerce clause", "proportionality analysis"], false),
            new("intellectual property", ["fair use", "patent eligibility", "trade secret protection", "trademark dilution"], false),
        ]),
        new("medicine",
        [
            new("pharmacology", ["first-pass metabolism", "drug half-life", "the therapeutic index", "competitive antagonism", "cytochrome P450 interactions"], true),
            new("diagnostics", ["sensitivity and specificity", "positive predictive value", "likelihood ratios", "ROC curves"], true),
            new("cardiology", ["the Frank-Starling mechanism", "atrial fibrillation", "heart failure with preserved ejection fraction", "ECG interpretation"], false),
        ]),
        new("history",
        [
            new("modern history", ["the causes of the First World War", "the Marshall Plan", "decolonisation in Africa", "the fall of the Berlin Wall"], false),
            new("ancient history", ["the fall of the Western Roman Empire", "the Athenian democracy", "the Qin unification of China", "the Bronze Age collapse"], false),
            new("economic history", ["the Industrial Revolution", "the Great Depression", "the Bretton Woods system", "the 2008 financial crisis"], false),
        ]),
        new("philosophy",
        [
            new("ethics", ["utilitarianism", "Kant's categorical imperative", "virtue ethics", "the trolley problem", "moral relativism"], false),
            new("epistemology", ["the Gettier problem", "foundationalism", "scepticism about the external world", "Bayesian epistemology"], false),
            new("philosophy of mind", ["the hard problem of consciousness", "functionalism", "the Chinese room argument", "personal identity"], false),
        ]),
        new("software engineering",
        [
            new("design", ["the SOLID principles", "dependency injection", "event sourcing", "the repository pattern", "hexagonal architecture"], false),
            new("testing", ["property-based testing", "mutation testing", "test doubles", "contract testing"], false),
            new("performance", ["cache-friendly data layouts", "profiling a hot path", "async I/O", "memory pooling"], false),
        ]),
        new("linguistics",
        [
            new("syntax", ["X-bar theory", "garden-path sentences", "dependency grammar"], false),
            new("semantics", ["quantifier scope ambiguity", "presupposition", "compositionality"], false),
            new("phonology", ["minimal pairs", "allophones", "vowel harmony"], false),
        ]),
        new("earth science",
        [
            new("climate", ["the greenhouse effect", "climate sensitivity", "ocean heat uptake", "El Niño"], true),
            new("geology", ["plate tectonics", "radiometric dating", "the rock cycle"], true),
        ]),
    ];

    /// <summary>Gets every (field, subtopic, concept) in sweep order.</summary>
    public static IEnumerable<(TopicField Field, TopicSubfield Subfield, string Concept)> Walk()
    {
        foreach (var field in Fields)
        {
            foreach (var subfield in field.Subfields)
            {
                foreach (var concept in subfield.Concepts)
                {
                    yield return (field, subfield, concept);
                }
            }
        }
    }
}
