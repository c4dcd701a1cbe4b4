namespace ActorTuner.Actors.Hosting;

/// <summary>
/// The key under which <c>WithActorTuner</c> registers the study registry (a <see cref="StudyRegistry"/>) in
/// Akka.Hosting's <c>ActorRegistry</c>: inject <c>IRequiredActor&lt;ActorTunerStudies&gt;</c> and send it
/// <see cref="OpenStudy"/>, <see cref="ForStudy"/> and <see cref="GetStudyByName"/>.
/// </summary>
public sealed class ActorTunerStudies
{
    private ActorTunerStudies()
    {
    }
}
