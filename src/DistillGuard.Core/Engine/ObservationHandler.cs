namespace DistillGuard.Core.Engine;

/// <summary>Receives an observation, for example <see cref="DetectionEngine.Observe(in ExchangeObservation)"/>.</summary>
/// <param name="observation">The observation.</param>
public delegate void ObservationHandler(in ExchangeObservation observation);
